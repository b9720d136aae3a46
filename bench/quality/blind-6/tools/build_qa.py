#!/usr/bin/env python3
"""Builds qa.jsonl and conversations.jsonl for blind-6 from the tables below (NFC)."""
import json, unicodedata, os
HERE = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(HERE)
A = {
 'XHC': 'phuong-xuan-hoa-tphcm-dai-hoi-2025',
 'XHP': 'phuong-xuan-hoa-phu-tho-dai-hoi-2025',
 'CT1': 'xa-cam-thuy-sau-sap-nhap-2025',
 'CT2': 'xa-cam-thuy-bi-thu-nhan-nhiem-vu-moi-2025',
 'VL':  'xa-vinh-loc-tphcm-dai-hoi-2025',
 'HB':  'phuong-hiep-binh-dai-hoi-2025',
 'LA':  'phuong-long-an-tay-ninh-dai-hoi-2025',
 'AL':  'phuong-an-loc-dong-nai-dai-hoi-2025',
 'QD':  'xa-quang-dong-nghe-an-dai-hoi-2025',
 'NH':  'xa-nghia-hanh-nghe-an-lu-lut-2025',
 'QN':  'xa-quang-ninh-quang-tri-dai-hoi-2025',
 'DY':  'xa-dong-yen-tuyen-quang-dai-hoi-2025',
 'TG':  'xa-trung-gia-ha-noi-ngap-lut-2025',
 'TAD': 'xa-tuy-an-dong-dak-lak-sau-lu-2025',
 'HC':  'xa-hoang-chau-thanh-hoa-dai-hoi-2025',
 'DC':  'xa-dan-chu-phu-tho-dai-hoi-2025',
}
# (key, question, answer_contains, kind, variant)
Q = [
 # phường Xuân Hòa, TP HCM
 ('XHC', 'Bí thư Đảng ủy phường Xuân Hòa (TP.HCM) nhiệm kỳ 2025-2030 là ai?', ['Nguyễn Thanh Xuân'], 'who', 'plain'),
 ('XHC', 'ban chap hanh dang bo phuong xuan hoa tphcm gom bao nhieu nguoi', ['27'], 'number', 'no-diacritics'),
 ('XHC', 'Ai đang là chủ tịch UBND phường Xuân Hòa ở TP Hồ Chí Minh hiện nay?', ['Nguyễn Hùng Hậu'], 'who', 'current'),
 ('XHC', 'pbt thường trực đu p. Xuân Hòa (HCM) là ai?', ['Nguyễn Đình Phát'], 'who', 'abbrev'),
 ('XHC', 'Which former Prime Minister attended the Party congress of Xuan Hoa ward in Ho Chi Minh City?', ['Nguyễn Tấn Dũng'], 'who', 'english'),
 ('XHC', 'bà bí thư phường Xuân Hòa bên tp hcm bao nhiêu tuổi vậy ad?', ['44'], 'number', 'colloquial'),
 ('XHC', 'Vị lãnh đạo đương chức nào của Thành ủy TP.HCM có mặt tại kỳ đại hội đầu tiên của Đảng bộ phường Xuân Hòa?', ['Võ Văn Dũng'], 'who', 'paraphrase'),
 ('XHC', 'Đại hội đảng bộ phường Xuân Hòa TP.HCM diễn ra ngafy nào?', ['12/8'], 'date', 'typo'),
 ('XHC', 'Bà Nguyễn Thanh Xuân có kiêm Chủ tịch HĐND phường Xuân Hòa (TP.HCM) khoong?', ['Chủ tịch HĐND'], 'yesno', 'typo'),
 # phường Xuân Hòa, Phú Thọ
 ('XHP', 'Phường Xuân Hòa (Phú Thọ) được sáp nhập từ những xã, phường nào?', ['Ngọc Thanh', 'Cao Minh'], 'list', 'plain'),
 ('XHP', 'ai du va chi dao dai hoi dang bo phuong xuan hoa phu tho', ['Đặng Xuân Phong'], 'who', 'no-diacritics'),
 ('XHP', 'Trước khi sắp xếp, các đơn vị hợp thành phường Xuân Hòa (Phú Thọ) nằm ở thành phố nào?', ['Phúc Yên'], 'place', 'paraphrase'),
 ('XHP', 'đh đảng bộ p. Xuân Hòa (PT) tổ chức ngày nào?', ['25/7'], 'date', 'abbrev'),
 ('XHP', 'Which head of the provincial Party Organisation Commission attended the Xuan Hoa ward congress in Phu Tho?', ['Bùi Đình Thi'], 'who', 'english'),
 ('XHP', 'ad ơi đại hội p Xuân Hòa phú thọ có bí thư tỉnh ủy về dự ko', ['Đặng Xuân Phong'], 'yesno', 'colloquial'),
 ('XHP', 'Phường Xuân Hòa tỉnh Phú Thọ có phải gộp tuwf xã Đồng Xuân không?', ['Đồng Xuân'], 'yesno', 'typo'),
 # xã Cẩm Thủy (older)
 ('CT1', 'Xã Cẩm Thủy (Thanh Hóa) có diện tích bao nhiêu?', ['64,42'], 'number', 'plain'),
 ('CT1', 'xa cam thuy thanh hoa co bao nhieu nhan khau', ['30.042'], 'number', 'no-diacritics'),
 ('CT1', 'Xã Cẩm Thủy ở Thanh Hóa có tổng cộng bao nhiêu hộ gia đình sinh sống?', ['7.300'], 'number', 'paraphrase'),
 ('CT1', 'x. Cẩm Thủy (TH) hợp nhất từ những đơn vị nào?', ['Cẩm Ngọc', 'Phong Sơn'], 'list', 'abbrev'),
 ('CT1', "What share of Cam Thuy commune's population (Thanh Hoa) is Muong?", ['40,19'], 'number', 'english'),
 ('CT1', 'xã Cẩm Thủy (Thanh Hóa) chính thúc hoạt động từ ngày nào?', ['1/7/2025'], 'date', 'typo'),
 ('CT1', 'nhiệm kỳ 2020-2025 xã Cẩm Thủy đạt bn chỉ tiêu nghị quyết z ad', ['23/26'], 'number', 'colloquial'),
 ('CT1', 'ở xã Cẩm Thủy thanh hóa có người dân tộc Dao ko ạ', ['2,24'], 'yesno', 'colloquial'),
 # xã Cẩm Thủy (newer: secretary leaves)
 ('CT2', 'Ông Lê Văn Trung hiện nay còn làm Bí thư Đảng ủy xã Cẩm Thủy không?', ['Giám đốc Sở'], 'yesno', 'current'),
 ('CT2', 'Ông Lê Văn Trung, bí thư xã Cẩm Thủy, bây giờ giữ chức vụ gì?', ['Giám đốc Sở'], 'who', 'current'),
 ('CT2', "Which Cam Thuy commune leader replaced Pham Nguyen Hong as director of Thanh Hoa's culture, sports and tourism department?", ['Lê Văn Trung'], 'who', 'english'),
 ('CT2', 'bt đu x. Cẩm Thủy (TH) được bổ nhiệm chức gì theo qđ 3211/QĐ-UBND?', ['Giám đốc Sở'], 'who', 'abbrev'),
 ('CT2', 'qđ bổ nhiệm bt x. Cẩm Thủy làm giám đốc sở được ký hôm nào?', ['4/10'], 'date', 'abbrev'),
 ('CT2', 'Bây giờ Sở VH-TT-DL Thanh Hóa do ai làm giám đốc, có phải người của xã Cẩm Thủy không?', ['Lê Văn Trung'], 'who', 'current'),
 ('CT2', 'ong le van trung bi thu xa cam thuy thay ai o so van hoa', ['Phạm Nguyên Hồng'], 'who', 'no-diacritics'),
 # xã Vĩnh Lộc, TP HCM
 ('VL', 'Bí thư Đảng ủy xã Vĩnh Lộc (TP.HCM) là ai?', ['Huỳnh Cao Cường'], 'who', 'plain'),
 ('VL', 'chu tich ubnd xa vinh loc tphcm la ai', ['Nguyễn Thị Thảo'], 'who', 'no-diacritics'),
 ('VL', 'Xã Vĩnh Lộc (TP.HCM) hiện nay có bao nhiêu doanh nghiệp đang hoạt động?', ['4.875'], 'number', 'current'),
 ('VL', 'đại hội đảng bộ x. Vĩnh Lộc (HCM) có bn đại biểu?', ['168'], 'number', 'abbrev'),
 ('VL', 'How many household businesses operate in Vinh Loc commune, Ho Chi Minh City?', ['3.047'], 'number', 'english'),
 ('VL', 'Đại hội Đảng bộ xã Vĩnh Lộc TP.HCM họp buổi sáng hay buoir chiều?', ['Chiều'], 'time', 'typo'),
 ('VL', 'Trong 5 năm tới, xã Vĩnh Lộc (TP.HCM) sẽ ưu tiên những chương trình lớn nào?', ['chỉnh trang đô thị', 'giảm ô nhiễm môi trường'], 'list', 'paraphrase'),
 ('VL', 'ai là phó bí thư thường trực xã Vĩnh Lộc bên hcm vậy ạ', ['Thái Thành Tâm'], 'who', 'colloquial'),
 ('VL', 'Bây giờ ai là chủ tịch UBND xã Vĩnh Lộc ở TP Hồ Chí Minh?', ['Nguyễn Thị Thảo'], 'who', 'current'),
 # phường Hiệp Bình, TP HCM
 ('HB', 'Bí thư Đảng ủy phường Hiệp Bình (TP.HCM) là ai?', ['Vũ Anh Tuấn'], 'who', 'plain'),
 ('HB', 'dan so phuong hiep binh la bao nhieu', ['215.638'], 'number', 'no-diacritics'),
 ('HB', 'Phường Hiệp Bình rộng bao nhieeu km2?', ['16,01'], 'number', 'typo'),
 ('HB', 'Xét về số người sinh sống, phường Hiệp Bình đứng thứ mấy cả nước?', ['thứ 3'], 'number', 'paraphrase'),
 ('HB', 'p. Hiệp Bình (HCM) gộp từ những phường nào?', ['Hiệp Bình Chánh', 'Hiệp Bình Phước'], 'list', 'abbrev'),
 ('HB', 'Which Ho Chi Minh City vice chairman attended the Hiep Binh ward Party congress?', ['Nguyễn Lộc Hà'], 'who', 'english'),
 ('HB', 'đại hội đảng bộ p hiệp bình hôm 18/8 họp sáng hay chiều z', ['Sáng'], 'time', 'colloquial'),
 ('HB', 'Người đứng đầu Đảng ủy phường Hiệp Bình hiện nay là ai?', ['Vũ Anh Tuấn'], 'who', 'current'),
 # phường Long An, Tây Ninh
 ('LA', 'Bí thư Đảng ủy phường Long An (Tây Ninh) nhiệm kỳ 2025-2030 là ai?', ['Lê Công Đỉnh'], 'who', 'plain'),
 ('LA', 'Chủ tịch UBND phường Long An (Tây Ninh) hiện nay là ai?', ['Võ Hồng Thảo'], 'who', 'current'),
 ('LA', 'phuong long an tay ninh co bao nhieu to chuc co so dang', ['101'], 'number', 'no-diacritics'),
 ('LA', '2 phó bí thư p Long An bên Tây Ninh là ai với ai vậy ad', ['Nguyễn Thị Hoa', 'Võ Hồng Thảo'], 'list', 'colloquial'),
 ('LA', 'Đại hội Đảng bộ phường Long An (Tây Ninh) diễn ra owr đâu?', ['Hội trường Thống Nhất'], 'place', 'typo'),
 ('LA', 'Before the provinces merged, Le Cong Dinh (now secretary of Long An ward, Tay Ninh) was Party secretary of which city?', ['Tân An'], 'place', 'english'),
 ('LA', 'p. Long An (TN) hình thành từ những đơn vị nào?', ['Hướng Thọ Phú'], 'list', 'abbrev'),
 ('LA', 'Ông Lê Công Đỉnh là người mới về hay được giữ lại ghế bí thư ở phường Long An, Tây Ninh?', ['tiếp tục'], 'yesno', 'paraphrase'),
 # phường An Lộc, Đồng Nai
 ('AL', 'Đại hội Đảng bộ phường An Lộc (Đồng Nai) có bao nhiêu đại biểu?', ['182'], 'number', 'plain'),
 ('AL', 'dai hoi dang bo phuong an loc dong nai to chuc ngay nao', ['11/8'], 'date', 'no-diacritics'),
 ('AL', 'Lãnh đạo tỉnh nào lên tiếng định hướng tại kỳ đại hội đầu tiên của Đảng bộ phường An Lộc, Đồng Nai?', ['Võ Tấn Đức'], 'who', 'paraphrase'),
 ('AL', 'ct ubnd tỉnh ĐN xác định lĩnh vực then chốt nào cho p. An Lộc?', ['nông nghiệp công nghệ cao', 'kinh tế tuần hoàn'], 'list', 'abbrev'),
 ('AL', 'How many party members does the Party organisation of An Loc ward (Dong Nai) have?', ['886'], 'number', 'english'),
 ('AL', 'p An Lộc đồng nai đại hội có chủ tịch tỉnh về dự ko ạ', ['Võ Tấn Đức'], 'yesno', 'colloquial'),
 # xã Quang Đồng, Nghệ An
 ('QD', 'Bí thư Đảng ủy xã Quang Đồng (Nghệ An) là ai?', ['Nguyễn Công Chúc'], 'who', 'plain'),
 ('QD', 'xa quang dong nghe an sap nhap tu nhung xa nao', ['Đồng Thành', 'Quang Thành'], 'list', 'no-diacritics'),
 ('QD', 'Tổng vốn đầu tư toàn xã hội của x. Quang Đồng (NA) giai đoạn 2021-2025 là bn?', ['2.646'], 'number', 'abbrev'),
 ('QD', 'Kinh tế xã Quang Đồng tăng trưởg bình quân bao nhiêu mỗi năm?', ['8,78'], 'number', 'typo'),
 ('QD', 'What is the estimated total production value of Quang Dong commune (Nghe An) in 2025?', ['1.291'], 'number', 'english'),
 ('QD', 'đại hội đảng bộ xã Quang Đồng có bn đại biểu chính thức thế ạ', ['211'], 'number', 'colloquial'),
 ('QD', 'Ai đứng đầu cấp ủy xã Quang Đồng hiện nay?', ['Nguyễn Công Chúc'], 'who', 'current'),
 ('QD', 'Vùng chuyên canh ở xã Quang Đồng, Nghệ An có những loại trái cây gì?', ['cam', 'bưởi da xanh'], 'list', 'paraphrase'),
 # xã Nghĩa Hành, Nghệ An (flood)
 ('NH', 'Lũ làm ngập bao nhiêu xóm ở xã Nghĩa Hành (Nghệ An)?', ['21'], 'number', 'plain'),
 ('NH', 'xa nghia hanh nghe an bi ngap do anh huong bao so may', ['bão số 10'], 'number', 'no-diacritics'),
 ('NH', 'Chủ tịch xã Nghĩa Hành bây giờ là ai?', ['Nguyễn Xuân Nam'], 'who', 'current'),
 ('NH', 'mấy giờ thì lũ bắt đầu về xã nghĩa hành z ad', ['3h'], 'time', 'colloquial'),
 ('NH', 'Mưa lớn ở xã Nghiax Hành bắt đầu từ lúc nào?', ['23h'], 'time', 'typo'),
 ('NH', 'Dòng nước nhấn chìm xã Nghĩa Hành đến từ những con sông nào?', ['sông Lam', 'sông Con'], 'list', 'paraphrase'),
 ('NH', 'How many hamlets of Nghia Hanh commune (Nghe An) were deeply flooded?', ['17'], 'number', 'english'),
 ('NH', 'x. Nghĩa Hành (NA): đường mòn HCM có bị ngập ko?', ['một số đoạn'], 'yesno', 'abbrev'),
 # xã Quảng Ninh, Quảng Trị
 ('QN', 'Xã Quảng Ninh (Quảng Trị) được hợp nhất từ những xã, thị trấn nào?', ['Võ Ninh', 'Quán Hàu'], 'list', 'plain'),
 ('QN', 'xa quang ninh quang tri co bao nhieu dang vien', ['2.841'], 'number', 'no-diacritics'),
 ('QN', 'Đại hội Đảng bộ xã Quảng Ninh (Quảng Trị) dieenx ra vào buổi nào?', ['chiều'], 'time', 'typo'),
 ('QN', 'pbt thường trực tỉnh ủy nào chỉ đạo đh x. Quảng Ninh (QT)?', ['Nguyễn Long Hải'], 'who', 'abbrev'),
 ('QN', 'How many party cells does Quang Ninh commune in Quang Tri province have?', ['65'], 'number', 'english'),
 ('QN', 'Xã Quảng Ninh có phải là nơi đầu tiên ở Quảng Trị mở đại hội Đảng cấp xã sau khi sáp nhập?', ['đầu tiên'], 'yesno', 'paraphrase'),
 ('QN', 'xã Quảng Ninh mà tổ chức đại hội đảng bộ xã đầu tiên sau sáp nhập ấy thuộc tỉnh nào ạ', ['Quảng Trị'], 'place', 'colloquial'),
 ('QN', 'Hiện nay Đảng bộ xã Quảng Ninh (Quảng Trị) có bao nhiêu chi bộ trực thuộc?', ['65'], 'number', 'current'),
 # xã Đồng Yên, Tuyên Quang
 ('DY', 'Xã Đồng Yên (Tuyên Quang) được hợp nhất từ những xã nào?', ['Vĩnh Phúc'], 'list', 'plain'),
 ('DY', 'dang bo xa dong yen tuyen quang co bao nhieu dang vien', ['1.165'], 'number', 'no-diacritics'),
 ('DY', 'Đảng bộ x. Đồng Yên (TQ) có bn chi bộ trực thuộc?', ['33'], 'number', 'abbrev'),
 ('DY', 'Đại hội Đảng bộ xã Đồng Yên dienx ra ngày nào?', ['11/8'], 'date', 'typo'),
 ('DY', 'Khẩu hiệu hành động mà đại hội xã Đồng Yên thống nhất cho 5 năm tới gồm những gì?', ['Kỷ cương', 'Đổi mới'], 'list', 'paraphrase'),
 ('DY', 'Which province is Dong Yen commune, which held its first Party congress on 11 August, in?', ['Tuyên Quang'], 'place', 'english'),
 ('DY', 'Đảng bộ xã Đồng Yên (Tuyên Quang) hiện có bao nhiêu đảng viên?', ['1.165'], 'number', 'current'),
 # xã Trung Giã, Hà Nội (flood)
 ('TG', 'Bao nhiêu hộ dân xã Trung Giã (Hà Nội) bị cô lập do nước sông Cầu?', ['2.400'], 'number', 'plain'),
 ('TG', 'muc nuoc song cau tai tram luong phuc sang 9/10 o trung gia la bao nhieu', ['9,97'], 'number', 'no-diacritics'),
 ('TG', 'QL3 đoạn nhà máy Yamaha ở Trung Giã nước lên sâu cỡ nào vậy ad?', ['1,5'], 'number', 'colloquial'),
 ('TG', 'Tỉnh lộ 296 ở xã Trung Giã ngậo đoạn nào?', ['Bình An', 'cầu Vát'], 'place', 'typo'),
 ('TG', 'How many people in Trung Gia commune, Hanoi were temporarily cut off by the flood?', ['9.500'], 'number', 'english'),
 ('TG', 'x. Trung Giã (HN) bị ngập do ảnh hưởng hoàn lưu bão số mấy?', ['bão số 11'], 'number', 'abbrev'),
 ('TG', 'Điếm Gò Sành và đê cấp 3 ở Trung Giã có bị vỡ không?', ['an toàn'], 'yesno', 'paraphrase'),
 ('TG', 'Mực nước sông Cầu ở Trung Giã vượt báo động 3 bao nhiêu méet?', ['1,97'], 'number', 'typo'),
 # xã Tuy An Đông, Đắk Lắk (flood)
 ('TAD', 'Who is the chairman of the People\'s Committee of Tuy An Dong commune, Dak Lak?', ['Trần Văn Biên'], 'who', 'english'),
 ('TAD', 'xa tuy an dong co bao nhieu thon bi ngap sau', ['13/14'], 'number', 'no-diacritics'),
 ('TAD', 'Gia đình nghèo ở xã Tuy An Đông chịu thiệt hại vì lũ nhận được bao nhiêu tiền trợ giúp?', ['3 triệu'], 'number', 'paraphrase'),
 ('TAD', 'mỗi hộ bị lũ ở xã Tuy An Đông được hỗ trợ bn tiền z ad', ['1,5 triệu'], 'number', 'colloquial'),
 ('TAD', 'Nhà bị sập, bị cuốn trôi ở xã Tuy An Đông được ai dựng lại?', ['quân đội'], 'who', 'plain'),
 ('TAD', 'Chủ tịch UBND xã Tuy An Đông (Đắk Lắk) hiện nay là ai?', ['Trần Văn Biên'], 'who', 'current'),
 # xã Hoằng Châu, Thanh Hóa
 ('HC', 'Dân số xã Hoằng Châu (Thanh Hóa) hiện nay là bao nhiêu người?', ['33.857'], 'number', 'current'),
 ('HC', 'xa hoang chau thanh hoa sap nhap tu nhung xa nao', ['Hoằng Thắng', 'Hoằng Phong'], 'list', 'no-diacritics'),
 ('HC', 'Vị Phó Trưởng Đoàn ĐBQH nào của tỉnh về chỉ đạo kỳ đại hội đầu tiên của xã Hoằng Châu?', ['Mai Văn Hải'], 'who', 'paraphrase'),
 ('HC', 'Thu nhập bình quân đầu người ở x. Hoằng Châu (TH) năm 2025 ước đạt bn?', ['77,3'], 'number', 'abbrev'),
 ('HC', 'What is the area of Hoang Chau commune in Thanh Hoa, in square kilometres?', ['33,31'], 'number', 'english'),
 ('HC', 'Đại hội Đảng bộ xã Hoằng Châu hopj vào buổi nào ngày 21/8?', ['Sáng'], 'time', 'typo'),
 ('HC', 'anh hùng LLVT nào dự đại hội đảng bộ xã Hoằng Châu vậy ạ', ['Cao Xuân Cới'], 'who', 'colloquial'),
 ('HC', 'Mỗi năm xã Hoằng Châu làm ra tổng giá trị sản xuất bình quân bao nhiêu?', ['1.919,1'], 'number', 'paraphrase'),
 # xã Dân Chủ, Phú Thọ
 ('DC', 'Xã Dân Chủ (Phú Thọ) được sáp nhập từ những xã nào?', ['Bảo Thanh', 'Trị Quận'], 'list', 'plain'),
 ('DC', 'dang bo xa dan chu phu tho co bao nhieu dang vien', ['1.039'], 'number', 'no-diacritics'),
 ('DC', 'Đảng bộ x. Dân Chủ (PT) hiện có bn chi bộ trực thuộc?', ['52'], 'number', 'current'),
 ('DC', 'Trước khi hợp nhất, các xã cũ của xã Dân Chủ (Phú Thọ) đã về đích nông thôn mới chưa?', ['4/4'], 'yesno', 'paraphrase'),
 ('DC', 'Who directed the first Party congress of Dan Chu commune in Phu Tho?', ['Nguyễn Thị Thanh Huyền'], 'who', 'english'),
 ('DC', 'Đại hội Đảng bộ xã Dân Chủ (Phú Thọ) tổ chức ngayf nào?', ['26/7'], 'date', 'typo'),
 ('DC', 'phó chủ tịch hđnd tỉnh nào dự đại hội xã Dân Chủ thế ạ', ['Nguyễn Thị Hồng Lâm'], 'who', 'colloquial'),
 # added for balance
 ('AL', 'Chủ tịch tỉnh Đồng Nai đề nghị phường An Lộc đầu tư phát triểm những gì?', ['hạ tầng giao thông', 'công nghiệp'], 'list', 'typo'),
 ('AL', 'Bây giờ Đảng bộ phường An Lộc (Đồng Nai) có bao nhiêu đảng viên?', ['886'], 'number', 'current'),
 ('TAD', 'Tỉnh Đắk Lắk khắc phục hậu quả lũ ở xã Tuy An Đông theo phương châm gif?', ['nước rút đến đâu khắc phục đến đó'], 'list', 'typo'),
 ('LA', 'Phó Bí thư Thường trực Đảng ủy phường Long An (Tây Ninh) bây giờ là ai?', ['Nguyễn Thị Hoa'], 'who', 'current'),
 ('TG', 'ubnd x. Trung Giã (HN) đã làm gì để ứng phó lũ sông Cầu?', ['gia cố đê'], 'list', 'abbrev'),
 ('LA', 'p Long An tây ninh có mấy đảng viên thế ad', ['4.400'], 'number', 'colloquial'),
]
# unanswerable: (question, variant)
U = [
 ('Chủ tịch UBND phường Hiệp Bình (TP.HCM) là ai?', 'plain'),
 ('dan so xa dong yen tuyen quang la bao nhieu', 'no-diacritics'),
 ('Diện tích tự nhiên của phường An Lộc ở Đồng Nai là bao nhiêu?', 'paraphrase'),
 ('lũ ở xã Nghĩa Hành có ai bị chết ko ad', 'colloquial'),
 ('Bí thư Đảng ủy xã Cẩm Thủy hiện nay là ai?', 'current'),
 ('What is the population of Quang Ninh commune in Quang Tri province?', 'english'),
 ('Chủ tịch UBND xã Quang Đồng (Nghệ An) tên laf gì?', 'typo'),
 ('thu ns x. Trung Giã (HN) năm 2025 được bn?', 'abbrev'),
 ('Phường Xuân Hòa (TP.HCM) có bao nhiêu khu phố?', 'plain'),
 ('Bí thư Đảng ủy phường Xuân Hòa (Phú Thọ) là ai?', 'plain'),
 ('Tỉnh Đắk Lắk hỗ trợ xã Tuy An Đông tổng cộng bao nhiêu tấn gạo cứu đói?', 'paraphrase'),
 ('x Hoằng Châu còn bn hộ nghèo z ad', 'colloquial'),
]
AMB = [A['XHC'], A['XHP']]
AM = [
 ('Đại hội Đảng bộ Xuân Hòa lần thứ I diễn ra ngày nào?', 'plain'),
 ('ai du va chi dao dai hoi dang bo xuan hoa', 'no-diacritics'),
 ('đh đảng bộ Xuân Hòa tổ chức hôm nào vậy ad?', 'abbrev'),
 ('Who attended the first Party congress of Xuan Hoa?', 'english'),
]
C = [
 ('follow-up', [
   ('Bí thư Đảng ủy phường Long An (Tây Ninh) là ai?', ['Lê Công Đỉnh'], ['LA'], 'who'),
   ('còn phó bí thư?', ['Nguyễn Thị Hoa', 'Võ Hồng Thảo'], ['LA'], 'list'),
   ('ban chấp hành có mấy người?', ['27'], ['LA'], 'number')]),
 ('follow-up', [
   ('Dân số xã Hoằng Châu (Thanh Hóa) là bao nhiêu?', ['33.857'], ['HC'], 'number'),
   ('diện tích thì sao?', ['33,31'], ['HC'], 'number'),
   ('có bao nhiêu đảng viên?', ['1.140'], ['HC'], 'number')]),
 ('follow-up', [
   ('Bao nhiêu hộ dân xã Trung Giã bị cô lập vì lũ sông Cầu?', ['2.400'], ['TG'], 'number'),
   ('mực nước sông Cầu lúc đó là bao nhiêu?', ['9,97'], ['TG'], 'number'),
   ('tỉnh lộ 296 ngập đoạn nào?', ['Bình An', 'cầu Vát'], ['TG'], 'place'),
   ('sâu khoảng bao nhiêu?', ['1m'], ['TG'], 'number')]),
 ('clarification', [
   ('Đại hội Đảng bộ Xuân Hòa diễn ra ngày nào?', [], ['XHC', 'XHP'], 'ambiguous'),
   ('bên TP.HCM ạ', ['12/8'], ['XHC'], 'date')]),
 ('clarification', [
   ('Ai dự và chỉ đạo đại hội Đảng bộ Xuân Hòa vậy?', [], ['XHC', 'XHP'], 'ambiguous'),
   ('ở Phú Thọ', ['Đặng Xuân Phong'], ['XHP'], 'who'),
   ('còn bí thư phường Xuân Hòa bên TP.HCM là ai?', ['Nguyễn Thanh Xuân'], ['XHC'], 'who')]),
 ('clarification', [
   ('Xuân Hòa được sáp nhập từ những đơn vị nào?', [], ['XHC', 'XHP'], 'ambiguous'),
   ('ở TP.HCM ạ', [], [], 'unanswerable'),
   ('thế còn Xuân Hòa ở Phú Thọ?', ['Ngọc Thanh', 'Cao Minh'], ['XHP'], 'list')]),
 ('switch', [
   ('Đại hội Đảng bộ phường An Lộc (Đồng Nai) có bao nhiêu đại biểu?', ['182'], ['AL'], 'number'),
   ('còn xã Quang Đồng ở Nghệ An?', ['211'], ['QD'], 'number')]),
 ('switch', [
   ('Bí thư Đảng ủy phường Hiệp Bình là ai?', ['Vũ Anh Tuấn'], ['HB'], 'who'),
   ('thế bí thư xã Vĩnh Lộc bên TP.HCM?', ['Huỳnh Cao Cường'], ['VL'], 'who')]),
 ('switch', [
   ('Đảng bộ xã Quảng Ninh (Quảng Trị) có bao nhiêu đảng viên?', ['2.841'], ['QN'], 'number'),
   ('xã Dân Chủ ở Phú Thọ thì bao nhiêu?', ['1.039'], ['DC'], 'number'),
   ('có bao nhiêu chi bộ?', ['52'], ['DC'], 'number')]),
 ('pronoun', [
   ('Bí thư Đảng ủy xã Cẩm Thủy được bổ nhiệm làm giám đốc sở hồi tháng 10/2025 là ai?', ['Lê Văn Trung'], ['CT2'], 'who'),
   ('ông ấy thay ai?', ['Phạm Nguyên Hồng'], ['CT2'], 'who'),
   ('bây giờ ông ấy giữ chức gì?', ['Giám đốc Sở'], ['CT2'], 'who')]),
 ('pronoun', [
   ('Chủ tịch UBND xã Tuy An Đông là ai?', ['Trần Văn Biên'], ['TAD'], 'who'),
   ('ông ấy nói xã có bao nhiêu thôn ngập sâu?', ['13/14'], ['TAD'], 'number'),
   ('hộ nghèo ở đó được hỗ trợ bao nhiêu?', ['3 triệu'], ['TAD'], 'number')]),
 ('pronoun', [
   ('Ai là Bí thư Đảng ủy phường Xuân Hòa ở TP.HCM?', ['Nguyễn Thanh Xuân'], ['XHC'], 'who'),
   ('bà ấy bao nhiêu tuổi?', ['44'], ['XHC'], 'number'),
   ('quê bà ấy ở đâu?', ['Củ Chi'], ['XHC'], 'place')]),
 ('unanswerable-follow-up', [
   ('Chủ tịch xã Nghĩa Hành (Nghệ An) là ai?', ['Nguyễn Xuân Nam'], ['NH'], 'who'),
   ('lũ làm bao nhiêu ngôi nhà bị ngập?', [], [], 'unanswerable')]),
 ('unanswerable-follow-up', [
   ('Bí thư Đảng ủy xã Quang Đồng là ai?', ['Nguyễn Công Chúc'], ['QD'], 'who'),
   ('còn chủ tịch UBND xã?', [], [], 'unanswerable')]),
 ('english', [
   ('Who is the Party secretary of Long An ward in Tay Ninh?', ['Lê Công Đỉnh'], ['LA'], 'who'),
   ('And who chairs the ward People\'s Committee?', ['Võ Hồng Thảo'], ['LA'], 'who'),
   ('How many party members does the ward have?', ['4.400'], ['LA'], 'number')]),
]
N = lambda s: unicodedata.normalize('NFC', s)
def main():
    rows, cnt = [], {}
    for key, q, ac, kind, var in Q:
        cnt[key] = cnt.get(key, 0) + 1
        rows.append({'id': f'b6-{key.lower()}-{cnt[key]:02d}', 'question': N(q), 'answer_contains': [N(x) for x in ac],
                     'sources': [A[key]], 'kind': kind, 'variant': var})
    for i, (q, var) in enumerate(U, 1):
        rows.append({'id': f'b6-u{i:02d}', 'question': N(q), 'answer_contains': [], 'sources': [], 'kind': 'unanswerable', 'variant': var})
    for i, (q, var) in enumerate(AM, 1):
        rows.append({'id': f'b6-a{i:02d}', 'question': N(q), 'answer_contains': [], 'sources': AMB, 'kind': 'ambiguous', 'variant': var})
    with open(os.path.join(ROOT, 'qa.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + '\n')
    with open(os.path.join(ROOT, 'conversations.jsonl'), 'w', encoding='utf-8') as f:
        for i, (var, turns) in enumerate(C, 1):
            t = [{'question': N(q), 'answer_contains': [N(x) for x in ac], 'sources': [A[k] for k in ks], 'kind': kind}
                 for q, ac, ks, kind in turns]
            f.write(json.dumps({'id': f'b6-c{i:02d}', 'turns': t, 'variant': var}, ensure_ascii=False) + '\n')
    print(len(rows), 'questions;', len(C), 'conversations')
if __name__ == '__main__': main()
